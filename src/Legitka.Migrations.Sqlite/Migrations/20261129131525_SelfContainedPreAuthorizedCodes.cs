using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SelfContainedPreAuthorizedCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_PreAuthorizedCodeHash",
                table: "ActivationOffers");

            // SQLite drops these columns in place (3.35+); EF Core would rebuild the table outside a transaction.
            migrationBuilder.Sql("ALTER TABLE \"ActivationOffers\" DROP COLUMN \"PreAuthorizedCodeHash\";");
            migrationBuilder.Sql("ALTER TABLE \"ActivationOffers\" DROP COLUMN \"PreAuthorizedCodeExpiresAt\";");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReopenedAt",
                table: "ActivationOffers",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "ReopenedAt",
                table: "ActivationOffers",
                newName: "PreAuthorizedCodeExpiresAt");

            migrationBuilder.AddColumn<byte[]>(
                name: "PreAuthorizedCodeHash",
                table: "ActivationOffers",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PreAuthorizedCodeHash",
                table: "ActivationOffers",
                column: "PreAuthorizedCodeHash",
                unique: true,
                filter: "\"PreAuthorizedCodeHash\" IS NOT NULL");
        }
    }
}
