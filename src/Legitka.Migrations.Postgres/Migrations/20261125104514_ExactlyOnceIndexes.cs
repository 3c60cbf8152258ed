using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ExactlyOnceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ReadinessReports_Open",
                table: "ReadinessReports",
                column: "ClassId",
                unique: true,
                filter: "\"ClosedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Photos_Accepted",
                table: "Photos",
                column: "PupilId",
                unique: true,
                filter: "\"State\" = 'Accepted'");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Open",
                table: "Applications",
                columns: new[] { "PupilId", "Kind" },
                unique: true,
                filter: "\"State\" IN ('Pending', 'Approved')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReadinessReports_Open",
                table: "ReadinessReports");

            migrationBuilder.DropIndex(
                name: "IX_Photos_Accepted",
                table: "Photos");

            migrationBuilder.DropIndex(
                name: "IX_Applications_Open",
                table: "Applications");
        }
    }
}
