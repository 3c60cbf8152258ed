using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OneUnfinishedBatchPerSchool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Two batches requested at the same moment could both be waiting: the later ones fail (the school sees why and
            // asks again), so that the index can hold.
            migrationBuilder.Sql("""
                UPDATE "CodeBatches" SET "State" = 'Failed',
                    "Error" = 'requested while another batch of the school was unfinished; request the codes again'
                WHERE "State" IN ('Queued', 'Running') AND EXISTS (
                    SELECT 1 FROM "CodeBatches" AS earlier
                    WHERE earlier."SchoolId" = "CodeBatches"."SchoolId" AND earlier."State" IN ('Queued', 'Running')
                      AND (earlier."CreatedAt" < "CodeBatches"."CreatedAt"
                           OR (earlier."CreatedAt" = "CodeBatches"."CreatedAt" AND earlier."Id" < "CodeBatches"."Id")));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_CodeBatches_OneUnfinishedPerSchool",
                table: "CodeBatches",
                column: "SchoolId",
                unique: true,
                filter: "\"State\" IN ('Queued', 'Running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CodeBatches_OneUnfinishedPerSchool",
                table: "CodeBatches");
        }
    }
}
