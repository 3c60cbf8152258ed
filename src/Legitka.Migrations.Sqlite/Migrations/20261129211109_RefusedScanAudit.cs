using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RefusedScanAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RefusedScanAuditedAt",
                table: "ActivationOffers",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefusedScanAuditedAt",
                table: "ActivationOffers");
        }
    }
}
